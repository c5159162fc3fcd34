import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useLiveEvents } from '../api/live';
import { useCurrentSession } from '../api/session';
import { useSignOut } from '../features/auth/api';
import { useInboxCounts } from '../features/inbox/api';
import { roleLabels } from '../features/invites/roles';
import { RecoveryBanner } from '../features/media/RecoveryBanner';
import { OutsiderShell } from '../features/outsiders/OutsiderShell';
import { cx } from '../lib/cx';
import { Avatar } from '../ui/Avatar';
import {
  CloseIcon,
  InboxIcon,
  KeyboardIcon,
  MenuIcon,
  MonitorIcon,
  PlusIcon,
  SearchIcon,
  SettingsIcon,
  SignOutIcon,
  SpacesIcon,
} from '../ui/icons';
import { Logo } from '../ui/Logo';
import { ThemeToggle } from '../ui/ThemeToggle';
import styles from './Shell.module.css';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useShortcuts } from './shortcuts';

const nav = [
  { to: '/', label: 'Inbox', icon: InboxIcon, end: true, hint: 'g i' },
  { to: '/spaces', label: 'Spaces', icon: SpacesIcon, end: false, hint: 'g s' },
  { to: '/search', label: 'Search', icon: SearchIcon, end: false, hint: '/' },
  { to: '/recordings', label: 'Recordings', icon: MonitorIcon, end: false, hint: 'g r' },
  { to: '/settings', label: 'Settings', icon: SettingsIcon, end: false, hint: undefined },
];

/** The signed-in frame; outsiders get their own, without the workspace's navigation. */
export function Shell() {
  const { user } = useCurrentSession();
  return user.role === 'external' ? <OutsiderShell /> : <MemberShell />;
}

/** The members' frame: sidebar (a drawer on phones), main content, keyboard shortcuts. */
function MemberShell() {
  const { user, workspace } = useCurrentSession();
  const signOut = useSignOut();
  const location = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  useShortcuts(openHelp);
  useLiveEvents();
  const counts = useInboxCounts();
  const needsReply = counts.data?.needsReply ?? 0;

  // Close the drawer whenever the page changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the location key is the trigger
  useEffect(() => setDrawerOpen(false), [location.key]);

  // Move focus into the drawer when it opens, and back to the menu button when it closes.
  const menuButton = useRef<HTMLButtonElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (drawerOpen) closeButton.current?.focus();
    else if (wasOpen.current) menuButton.current?.focus();
    wasOpen.current = drawerOpen;
  }, [drawerOpen]);

  useEffect(() => {
    if (!drawerOpen) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setDrawerOpen(false);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [drawerOpen]);

  return (
    <div className={styles.shell}>
      <a className={styles.skip} href="#main">
        Skip to content
      </a>

      <header className={styles.topbar}>
        <button
          ref={menuButton}
          type="button"
          className={styles.iconButton}
          aria-expanded={drawerOpen}
          aria-controls="sidebar"
          onClick={() => setDrawerOpen(true)}
        >
          <MenuIcon />
          <span className="visually-hidden">Open menu</span>
        </button>
        <span className={styles.topbarTitle}>{workspace.name}</span>
        <Link to="/settings/profile" className={styles.topbarAvatar}>
          <Avatar name={user.name} url={user.avatarUrl} size="sm" />
          <span className="visually-hidden">Your profile</span>
        </Link>
      </header>

      {drawerOpen && (
        // A click outside the drawer closes it; keyboard users have Escape and the Close menu button.
        <button
          type="button"
          className={styles.backdrop}
          tabIndex={-1}
          aria-hidden="true"
          onClick={() => setDrawerOpen(false)}
        />
      )}

      <div className={styles.sidebarColumn}>
        <aside id="sidebar" className={cx(styles.sidebar, drawerOpen && styles.open)}>
          <div className={styles.workspace}>
            <Logo markOnly />
            <span className={styles.workspaceName} title={workspace.name}>
              {workspace.name}
            </span>
            <button
              ref={closeButton}
              type="button"
              className={cx(styles.iconButton, styles.closeDrawer)}
              onClick={() => setDrawerOpen(false)}
            >
              <CloseIcon />
              <span className="visually-hidden">Close menu</span>
            </button>
          </div>

          <Link to="/new" className={styles.newThread}>
            <PlusIcon />
            New thread
          </Link>

          <nav className={styles.nav} aria-label="Main">
            {nav.map(({ to, label, icon: Icon, end, hint }) => (
              <NavLink
                key={to}
                to={to}
                end={end}
                className={({ isActive }) => cx(styles.navLink, isActive && styles.active)}
              >
                <Icon />
                <span className={styles.navLabel}>{label}</span>
                {to === '/' && needsReply > 0 && (
                  <span className={styles.navCount}>
                    {needsReply}
                    <span className="visually-hidden"> need your reply</span>
                  </span>
                )}
                {hint && (
                  <span className={styles.navHint} aria-hidden="true">
                    {hint}
                  </span>
                )}
              </NavLink>
            ))}
          </nav>

          <div className={styles.footer}>
            <Link to="/settings/profile" className={styles.person}>
              <Avatar name={user.name} url={user.avatarUrl} size="md" />
              <span className={styles.personText}>
                <span className={styles.personName}>{user.name}</span>
                <span className={styles.personRole}>{roleLabels[user.role]}</span>
              </span>
            </Link>
            <div className={styles.footerRow}>
              <ThemeToggle compact />
              <div className={styles.footerButtons}>
                <button
                  type="button"
                  className={styles.iconButton}
                  onClick={openHelp}
                  title="Keyboard shortcuts (?)"
                >
                  <KeyboardIcon />
                  <span className="visually-hidden">Keyboard shortcuts</span>
                </button>
                <button
                  type="button"
                  className={styles.iconButton}
                  onClick={() => signOut.mutate()}
                  disabled={signOut.isPending}
                  title="Sign out"
                >
                  <SignOutIcon />
                  <span className="visually-hidden">Sign out</span>
                </button>
              </div>
            </div>
          </div>
        </aside>
      </div>

      <main id="main" className={styles.main} tabIndex={-1}>
        <div className={styles.content}>
          <RecoveryBanner />
          <Outlet />
        </div>
      </main>

      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
