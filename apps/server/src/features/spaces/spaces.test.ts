import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasesUnderTest } from '../../../test/databases';
import { addMember, createTestApp, type Session, setUpWorkspace, type TestApp } from '../../../test/harness';
import { threadsApi } from '../threads/threads.test-helpers';

describe.each(databasesUnderTest())('spaces on %s', (kind) => {
  let t: TestApp;
  let ana: Session;
  let ben: Session;
  let mia: Session;
  let gus: Session;
  let api: ReturnType<typeof threadsApi>;
  beforeEach(async () => {
    t = await createTestApp(kind);
    ana = await setUpWorkspace(t.app);
    ben = await addMember(t.app, ana, { name: 'Ben Member', email: 'ben@example.com' });
    mia = await addMember(t.app, ana, { name: 'Mia Member', email: 'mia@example.com' });
    gus = await addMember(t.app, ana, { name: 'Gus Guest', email: 'gus@example.com', role: 'guest' });
    api = threadsApi(t);
  });
  afterEach(() => t.close());

  const names = async (as: Session) =>
    (await api.call('GET', '/api/spaces', as)).json().spaces.map((s: { name: string }) => s.name);
  const memberNames = async (spaceId: string, as: Session) =>
    (await api.call('GET', `/api/spaces/${spaceId}/members`, as))
      .json()
      .members.map((m: { name: string }) => m.name);

  it('creates public and private spaces and lists what each person may see', async () => {
    const design = await api.space(ben, { name: 'Design', description: 'Pixels' });
    expect(design).toMatchObject({
      name: 'Design',
      description: 'Pixels',
      visibility: 'public',
      memberCount: 1,
      isMember: true,
      archivedAt: null,
    });
    const board = await api.space(ana, { name: 'Board', visibility: 'private', memberIds: [gus.user.id] });
    expect(board.memberCount).toBe(2);

    expect(await names(ana)).toEqual(['Board', 'Design']);
    expect(await names(mia)).toEqual(['Design']);
    expect(await names(gus)).toEqual(['Board']);
    expect((await api.call('GET', `/api/spaces/${design.id}`, mia)).json()).toMatchObject({
      isMember: false,
    });
    expect((await api.call('GET', `/api/spaces/${board.id}`, mia)).statusCode).toBe(404);
  });

  it('validates creation and keeps guests from creating spaces', async () => {
    const empty = await api.call('POST', '/api/spaces', ana, { name: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields.name).toBeDefined();
    const unknown = await api.call('POST', '/api/spaces', ana, { name: 'X', memberIds: ['nobody'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.memberIds).toContain('nobody');
    expect((await api.call('POST', '/api/spaces', gus, { name: 'Mine' })).statusCode).toBe(403);
    expect(await names(ana)).toEqual([]);
  });

  it('lets members join and leave public spaces; guests and private spaces need an invitation', async () => {
    const design = await api.space(ana, { name: 'Design' });
    const joined = await api.call('POST', `/api/spaces/${design.id}/join`, mia);
    expect(joined.json()).toMatchObject({ isMember: true, memberCount: 2 });
    expect((await api.call('POST', `/api/spaces/${design.id}/join`, gus)).statusCode).toBe(404);
    expect((await api.call('POST', `/api/spaces/${design.id}/leave`, mia)).statusCode).toBe(200);
    expect(await memberNames(design.id, ana)).toEqual(['Ana Owner']);

    const board = await api.space(ana, { name: 'Board', visibility: 'private' });
    expect((await api.call('POST', `/api/spaces/${board.id}/join`, mia)).statusCode).toBe(404);
  });

  it('lets members add people, and the creator or admins remove them', async () => {
    const board = await api.space(ben, { name: 'Board', visibility: 'private' });
    const added = await api.call('POST', `/api/spaces/${board.id}/members`, ben, {
      userIds: [mia.user.id, gus.user.id],
    });
    expect(added.json().members.map((m: { name: string }) => m.name)).toEqual([
      'Ben Member',
      'Gus Guest',
      'Mia Member',
    ]);
    expect(
      (await api.call('POST', `/api/spaces/${board.id}/members`, gus, { userIds: [ana.user.id] })).statusCode,
    ).toBe(403);
    expect((await api.call('DELETE', `/api/spaces/${board.id}/members/${gus.user.id}`, mia)).statusCode).toBe(
      403,
    );
    expect((await api.call('DELETE', `/api/spaces/${board.id}/members/${gus.user.id}`, ben)).statusCode).toBe(
      200,
    );
    expect((await api.call('GET', `/api/spaces/${board.id}`, gus)).statusCode).toBe(404);
    expect((await api.call('DELETE', `/api/spaces/${board.id}/members/${mia.user.id}`, mia)).statusCode).toBe(
      200,
    );
    // Admins act on any space they can see, and a private one is visible to its members only.
    const adminAdds = await api.call('POST', `/api/spaces/${board.id}/members`, ana, {
      userIds: [mia.user.id],
    });
    expect(adminAdds.statusCode).toBe(404);
  });

  it('renames and archives: the creator or admins', async () => {
    const design = await api.space(ben, { name: 'Design' });
    expect((await api.call('PATCH', `/api/spaces/${design.id}`, mia, { name: 'Mine' })).statusCode).toBe(403);
    const renamed = await api.call('PATCH', `/api/spaces/${design.id}`, ben, {
      name: 'Product design',
      description: 'All of it',
    });
    expect(renamed.json()).toMatchObject({ name: 'Product design', description: 'All of it' });
    const archived = await api.call('PATCH', `/api/spaces/${design.id}`, ana, { archived: true });
    expect(archived.json().archivedAt).toBeGreaterThan(0);
    expect((await api.call('GET', '/api/spaces', mia)).json().spaces[0].archivedAt).toBeGreaterThan(0);
    const back = await api.call('PATCH', `/api/spaces/${design.id}`, ben, { archived: false });
    expect(back.json().archivedAt).toBeNull();
  });

  it('lists the threads addressed to a space, latest activity first, a page at a time', async () => {
    const design = await api.space(ana, { name: 'Design', memberIds: [ben.user.id] });
    const first = await api.thread(ana, { subject: 'First', recipients: { spaceIds: [design.id] } });
    t.travel(1000);
    const second = await api.thread(ana, { subject: 'Second', recipients: { spaceIds: [design.id] } });
    await api.thread(ana, { subject: 'Elsewhere', recipients: { userIds: [ben.user.id] } });
    t.travel(1000);
    await api.replied(ben, first.id, { body: 'Bumping **this** one' });

    const page = (await api.call('GET', `/api/spaces/${design.id}/threads?limit=1`, mia)).json();
    expect(page.threads).toMatchObject([{ subject: 'First', postCount: 2, excerpt: 'Bumping this one' }]);
    const rest = (
      await api.call('GET', `/api/spaces/${design.id}/threads?before=${page.nextBefore}`, mia)
    ).json();
    expect(rest.threads.map((s: { id: string }) => s.id)).toEqual([second.id]);
    expect(rest.nextBefore).toBeNull();
  });
});
