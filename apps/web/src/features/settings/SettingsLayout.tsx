import { NavLink, Outlet } from 'react-router';
import { canManageMembers, useCurrentSession } from '../../api/session';
import { cx } from '../../lib/cx';
import { KeyIcon, UserIcon, UsersIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';
import styles from './Settings.module.css';

const tabs = [
  { to: '/settings/profile', label: 'Profile', icon: UserIcon },
  { to: '/settings/members', label: 'Members', icon: UsersIcon },
  { to: '/settings/tokens', label: 'API tokens', icon: KeyIcon },
];

export function SettingsLayout() {
  const { user, workspace } = useCurrentSession();
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          canManageMembers(user)
            ? `Your profile, API tokens, and who is in ${workspace.name}.`
            : `Your profile, API tokens, and the people in ${workspace.name}.`
        }
      />
      <nav className={styles.tabs} aria-label="Settings">
        {tabs.map(({ to, label, icon: Icon }) => (
          <NavLink key={to} to={to} className={({ isActive }) => cx(styles.tab, isActive && styles.active)}>
            <Icon />
            {label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </>
  );
}
