import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import {
  addMember,
  createTestApp,
  request,
  type Session,
  setUpWorkspace,
  type TestApp,
} from '../../../test/harness';

describe.each(databasesUnderTest())('members on %s', (kind) => {
  let t: TestApp;
  let owner: Session;
  let mia: Session;
  beforeEach(async () => {
    t = await createTestApp(kind);
    owner = await setUpWorkspace(t.app);
    mia = await addMember(t.app, owner, { name: 'Mia Member', email: 'mia@example.com' });
  });
  afterEach(() => t.close());

  const changeRole = (id: string, role: string, as: Session) =>
    request(t.app, { method: 'PATCH', url: `/api/members/${id}`, payload: { role } }, as);

  it('lists everyone with their roles', async () => {
    const list = await request(t.app, { method: 'GET', url: '/api/members' }, mia);
    expect(list.json().members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      ['ana@example.com', 'owner'],
      ['mia@example.com', 'member'],
    ]);
  });

  it('hides the roster from guests', async () => {
    const guest = await addMember(t.app, owner, {
      name: 'Gus Guest',
      email: 'gus@example.com',
      role: 'guest',
    });
    expect((await request(t.app, { method: 'GET', url: '/api/members' }, guest)).statusCode).toBe(403);
  });

  it('lets admins change roles, but never the owner or themselves', async () => {
    const promoted = await changeRole(mia.user.id, 'admin', owner);
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json().role).toBe('admin');
    expect((await changeRole(owner.user.id, 'member', mia)).statusCode).toBe(400);
    expect((await changeRole(mia.user.id, 'member', mia)).statusCode).toBe(400);
    expect((await changeRole('no-such-person', 'member', owner)).statusCode).toBe(404);
  });

  it('refuses role changes from members', async () => {
    const other = await addMember(t.app, owner, { name: 'Oli Other', email: 'oli@example.com' });
    expect((await changeRole(other.user.id, 'admin', mia)).statusCode).toBe(403);
  });
});
