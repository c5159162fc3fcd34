import { createBrowserRouter, Navigate } from 'react-router';
import { OutboxPage } from '../features/admin/OutboxPage';
import { WorkspacePage } from '../features/admin/WorkspacePage';
import { AttentionPage, TeamAttentionPage } from '../features/attention/AttentionPage';
import { SignInPage } from '../features/auth/SignInPage';
import { NewThreadPage } from '../features/compose/NewThreadPage';
import { DeliveryPage } from '../features/delivery/DeliveryPage';
import { NotificationsPage } from '../features/delivery/NotificationsPage';
import { InboxPage } from '../features/inbox/InboxPage';
import { AcceptInvitePage } from '../features/invites/AcceptInvitePage';
import { RecordingsPage } from '../features/media/RecordingsPage';
import { SharePage } from '../features/media/SharePage';
import { MembersPage } from '../features/members/MembersPage';
import { LinkGonePage } from '../features/outsiders/LinkGonePage';
import { RedeemPage } from '../features/outsiders/RedeemPage';
import { ProfilePage } from '../features/profile/ProfilePage';
import { SearchPage } from '../features/search/SearchPage';
import { SettingsLayout } from '../features/settings/SettingsLayout';
import { SetupPage } from '../features/setup/SetupPage';
import { SharedPage } from '../features/share/SharedPage';
import { SpacePage } from '../features/spaces/SpacePage';
import { SpacesPage } from '../features/spaces/SpacesPage';
import { ThreadPage } from '../features/threads/ThreadPage';
import { TokensPage } from '../features/tokens/TokensPage';
import { RequireSession, SetupGate } from './guards';
import { NotFoundPage } from './NotFoundPage';
import { RouteError } from './RouteError';
import { Shell } from './Shell';

export const router = createBrowserRouter([
  // Share links: for anyone holding one, signed in or not, so outside the setup gate too.
  { path: 's/:token', element: <SharedPage />, errorElement: <RouteError /> },
  // An outsider's private link, and the page a dead one (or an ended outsider session) shows.
  { path: 'x/:token', element: <RedeemPage />, errorElement: <RouteError /> },
  { path: 'link-gone', element: <LinkGonePage />, errorElement: <RouteError /> },
  { path: 'x-signed-out', element: <LinkGonePage signedOut />, errorElement: <RouteError /> },
  {
    element: <SetupGate />,
    errorElement: <RouteError />,
    children: [
      { path: 'setup', element: <SetupPage /> },
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'invite/:token', element: <AcceptInvitePage /> },
      {
        element: <RequireSession />,
        children: [
          {
            element: <Shell />,
            children: [
              { index: true, element: <InboxPage /> },
              { path: 'spaces', element: <SpacesPage /> },
              { path: 'spaces/:id', element: <SpacePage /> },
              { path: 'threads/:id', element: <ThreadPage /> },
              { path: 'new', element: <NewThreadPage /> },
              { path: 'search', element: <SearchPage /> },
              { path: 'recordings', element: <RecordingsPage /> },
              { path: 'v/:token', element: <SharePage /> },
              {
                path: 'settings',
                element: <SettingsLayout />,
                children: [
                  { index: true, element: <Navigate to="/settings/profile" replace /> },
                  { path: 'profile', element: <ProfilePage /> },
                  { path: 'members', element: <MembersPage /> },
                  { path: 'tokens', element: <TokensPage /> },
                  { path: 'delivery', element: <DeliveryPage /> },
                  { path: 'notifications', element: <NotificationsPage /> },
                  { path: 'scheduled', element: <NotificationsPage /> },
                  { path: 'attention', element: <AttentionPage /> },
                ],
              },
              {
                path: 'admin',
                element: <SettingsLayout />,
                children: [
                  { index: true, element: <Navigate to="/admin/outbox" replace /> },
                  { path: 'outbox', element: <OutboxPage /> },
                  { path: 'workspace', element: <WorkspacePage /> },
                  { path: 'attention', element: <TeamAttentionPage /> },
                ],
              },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
