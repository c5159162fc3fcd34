import { createBrowserRouter, Navigate } from 'react-router';
import { SignInPage } from '../features/auth/SignInPage';
import { InboxPage } from '../features/inbox/InboxPage';
import { AcceptInvitePage } from '../features/invites/AcceptInvitePage';
import { MembersPage } from '../features/members/MembersPage';
import { ProfilePage } from '../features/profile/ProfilePage';
import { SearchPage } from '../features/search/SearchPage';
import { SettingsLayout } from '../features/settings/SettingsLayout';
import { SetupPage } from '../features/setup/SetupPage';
import { SpacesPage } from '../features/spaces/SpacesPage';
import { TokensPage } from '../features/tokens/TokensPage';
import { RequireSession, SetupGate } from './guards';
import { NotFoundPage } from './NotFoundPage';
import { RouteError } from './RouteError';
import { Shell } from './Shell';

export const router = createBrowserRouter([
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
              { path: 'search', element: <SearchPage /> },
              {
                path: 'settings',
                element: <SettingsLayout />,
                children: [
                  { index: true, element: <Navigate to="/settings/profile" replace /> },
                  { path: 'profile', element: <ProfilePage /> },
                  { path: 'members', element: <MembersPage /> },
                  { path: 'tokens', element: <TokensPage /> },
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
