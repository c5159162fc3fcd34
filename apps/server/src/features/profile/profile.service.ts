import type { User } from '@tidings/contracts';
import type { AppContext } from '../../context';
import { AppError, invalid, notFound } from '../../lib/errors';
import type { Actor } from '../accounts/actor';
import { presentUser } from '../accounts/present';
import { sessionsRepository } from '../accounts/sessions.repository';
import { usersRepository } from '../accounts/users.repository';

const AVATAR_SIZE = 256;

export function profileService(ctx: AppContext) {
  const users = usersRepository(ctx.db);
  return {
    async updateProfile(
      actor: Actor,
      patch: { name?: string; timeZone?: string; language?: string | null },
    ): Promise<User> {
      const row = await users.update(actor.user.id, {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.language !== undefined && { language: patch.language }),
        ...(patch.timeZone !== undefined && { time_zone: patch.timeZone }),
        updated_at: ctx.now(),
      });
      return presentUser(row);
    },

    /** Changing the password signs out every other session of this person. */
    async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
      if (!(await ctx.hasher.verify(actor.user.password_hash, currentPassword))) {
        throw invalid('Your current password is not right.', { currentPassword: 'Wrong password' });
      }
      await users.update(actor.user.id, {
        password_hash: await ctx.hasher.hash(newPassword),
        updated_at: ctx.now(),
      });
      await sessionsRepository(ctx.db).deleteForUserExcept(actor.user.id, actor.sessionId ?? '');
    },

    async setAvatar(actor: Actor, image: Buffer): Promise<User> {
      const resized = await ctx.images.squareAvatar(image, AVATAR_SIZE);
      if (!resized) {
        throw new AppError(
          415,
          'unsupported_media_type',
          'That file is not an image we can read. Use a JPEG, PNG, WebP or GIF.',
        );
      }
      const key = `avatars/${actor.user.id}.webp`;
      await ctx.blobs.put(key, resized, 'image/webp');
      return presentUser(await users.update(actor.user.id, { avatar_key: key, updated_at: ctx.now() }));
    },

    async removeAvatar(actor: Actor): Promise<User> {
      if (actor.user.avatar_key) await ctx.blobs.delete(actor.user.avatar_key);
      return presentUser(await users.update(actor.user.id, { avatar_key: null, updated_at: ctx.now() }));
    },

    /** Any signed-in person of the workspace may see avatars; outsiders get 404. */
    async readAvatar(_actor: Actor, userId: string) {
      const user = await users.findById(userId);
      const blob = user?.avatar_key ? await ctx.blobs.get(user.avatar_key) : null;
      if (!blob) throw notFound('That avatar');
      return blob;
    },
  };
}
export type ProfileService = ReturnType<typeof profileService>;
