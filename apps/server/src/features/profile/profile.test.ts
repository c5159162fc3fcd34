import sharp from 'sharp';
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

/** A multipart/form-data body with one file field, as a browser would send it. */
function multipart(filename: string, contentType: string, data: Buffer) {
  const boundary = '----tidings-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const photo = () =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 60, b: 90 } } })
    .jpeg()
    .toBuffer();

describe.each(databasesUnderTest())('profile on %s', (kind) => {
  let t: TestApp;
  let owner: Session;
  beforeEach(async () => {
    t = await createTestApp(kind, { MAX_AVATAR_BYTES: String(200 * 1024) });
    owner = await setUpWorkspace(t.app);
  });
  afterEach(() => t.close());

  const upload = (body: ReturnType<typeof multipart>, as: Session = owner) =>
    request(
      t.app,
      { method: 'PUT', url: '/api/me/avatar', payload: body.payload, headers: body.headers },
      as,
    );

  it('changes name and time zone, and rejects an unknown zone by field', async () => {
    const ok = await request(
      t.app,
      { method: 'PATCH', url: '/api/me', payload: { name: 'Ana Lima', timeZone: 'America/Sao_Paulo' } },
      owner,
    );
    expect(ok.json()).toMatchObject({ name: 'Ana Lima', timeZone: 'America/Sao_Paulo' });
    const bad = await request(
      t.app,
      { method: 'PATCH', url: '/api/me', payload: { timeZone: 'Europe/Atlantis' } },
      owner,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.timeZone).toContain('time zone');
    const empty = await request(t.app, { method: 'PATCH', url: '/api/me', payload: {} }, owner);
    expect(empty.statusCode).toBe(400);
  });

  it('resizes an uploaded avatar to a 256 px square and serves it only to signed-in people', async () => {
    const response = await upload(multipart('me.jpg', 'image/jpeg', await photo()));
    expect(response.statusCode).toBe(200);
    const avatarUrl: string = response.json().avatarUrl;
    expect(avatarUrl).toMatch(new RegExp(`^/api/users/${owner.user.id}/avatar\\?v=\\d+$`));

    const mia = await addMember(t.app, owner, { name: 'Mia Member', email: 'mia@example.com' });
    const image = await request(t.app, { method: 'GET', url: avatarUrl }, mia);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/webp');
    const meta = await sharp(image.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 256, 256]);

    expect((await request(t.app, { method: 'GET', url: avatarUrl })).statusCode).toBe(401);
  });

  it('removes the avatar', async () => {
    await upload(multipart('me.jpg', 'image/jpeg', await photo()));
    const removed = await request(t.app, { method: 'DELETE', url: '/api/me/avatar' }, owner);
    expect(removed.json().avatarUrl).toBeNull();
    expect(
      (await request(t.app, { method: 'GET', url: `/api/users/${owner.user.id}/avatar` }, owner)).statusCode,
    ).toBe(404);
  });

  it('answers 415 for a file that is not an image, even when it claims to be one', async () => {
    const text = await upload(multipart('notes.txt', 'text/plain', Buffer.from('hello')));
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('unsupported_media_type');
    const liar = await upload(multipart('fake.png', 'image/png', Buffer.from('definitely not a png')));
    expect(liar.statusCode).toBe(415);
    const json = await request(
      t.app,
      { method: 'PUT', url: '/api/me/avatar', payload: { file: 'x' } },
      owner,
    );
    expect(json.statusCode).toBe(415);
  });

  it('answers 413 for an image over the size limit', async () => {
    const big = await sharp({ create: { width: 1200, height: 1200, channels: 3, background: '#888' } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    const response = await upload(multipart('big.png', 'image/png', big));
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
  });
});
