import { NavLink, Outlet, useLocation } from 'react-router';
import { canManageMembers, useCurrentSession } from '../../api/session';
import { cx } from '../../lib/cx';
import { KeyIcon, UserIcon, UsersIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';
import { ChartIcon, ClockIcon, MailIcon } from '../delivery/icons';
import styles from './Settings.module.css';

interface Tab {
  to: string;
  label: string;
  icon: typeof UserIcon;
  /** Sub-pages that keep this tab lit (your notifications under Delivery, the team's report). */
  also?: string[];
}

const tabs: Tab[] = [
  { to: '/settings/profile', label: 'Profile', icon: UserIcon },
  {
    to: '/settings/delivery',
    label: 'Delivery',
    icon: ClockIcon,
    also: ['/settings/notifications', '/settings/scheduled'],
  },
  { to: '/settings/attention', label: 'Attention', icon: ChartIcon, also: ['/admin/attention'] },
  { to: '/settings/members', label: 'Members', icon: UsersIcon },
  { to: '/settings/tokens', label: 'API tokens', icon: KeyIcon },
];

const adminTabs: Tab[] = [
  { to: '/admin/workspace', label: 'Workspace', icon: UsersIcon },
  { to: '/admin/outbox', label: 'Outbox', icon: MailIcon },
];

export function SettingsLayout() {
  const { user, workspace } = useCurrentSession();
  const { pathname } = useLocation();
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          canManageMembers(user)
            ? `Your profile and delivery, who is in ${workspace.name}, and how mail goes out.`
            : `Your profile, when Tidings may reach you, and the people in ${workspace.name}.`
        }
      />
      <nav className={styles.tabs} aria-label="Settings">
        {[...tabs, ...(canManageMembers(user) ? adminTabs : [])].map(({ to, label, icon: Icon, also }) => (
          <NavLink
            key={to}
            to={to}
            className={({ isActive }) =>
              cx(styles.tab, (isActive || also?.some((p) => pathname.startsWith(p))) && styles.active)
            }
          >
            <Icon />
            {label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </>
  );
}
