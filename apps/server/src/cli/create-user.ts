import { parseArgs } from 'node:util';
import { Email, Password, PersonName, Role, WorkspaceName } from '@tidings/contracts';
import { z } from 'zod';
import type { Config } from '../config';
import { createContext } from '../context';
import { migrateToLatest } from '../db/migrate';
import { usersRepository } from '../features/accounts/users.repository';
import { workspaceRepository } from '../features/accounts/workspace.repository';
import { newId } from '../lib/ids';

const Input = z.object({
  email: Email,
  name: PersonName,
  password: Password,
  role: Role.default('member'),
  workspace: WorkspaceName.optional(),
});

/** `tidings create-user`: for first installs without a browser and for scripted setups. */
export async function createUser(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      workspace: { type: 'string' },
    },
  });
  const password = process.env.TIDINGS_PASSWORD ?? (await readStdin()).trim();
  const parsed = Input.safeParse({ ...values, password });
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      console.error(`${issue.path.join('.') || 'input'}: ${issue.message}`);
    return 2;
  }
  const input = parsed.data;
  const ctx = await createContext(config);
  try {
    await migrateToLatest(ctx.db);
    const workspaces = workspaceRepository(ctx.db);
    const now = ctx.now();
    let role = input.role;
    if (!(await workspaces.get())) {
      if (!input.workspace) {
        console.error(
          'There is no workspace yet: pass --workspace "Name" to create it; this person becomes its owner.',
        );
        return 2;
      }
      await workspaces.insert({ id: newId(), name: input.workspace, created_at: now });
      role = 'owner';
    } else if (role === 'owner') {
      console.error('The workspace already has an owner; choose admin, member or guest.');
      return 2;
    }
    const users = usersRepository(ctx.db);
    if (await users.findByEmail(input.email)) {
      console.error(`${input.email} already has an account.`);
      return 1;
    }
    await users.insert({
      id: newId(),
      email: input.email,
      name: input.name,
      password_hash: await ctx.hasher.hash(input.password),
      role,
      time_zone: 'UTC',
      avatar_key: null,
      created_at: now,
      updated_at: now,
    });
    console.log(`Created ${role} ${input.name} <${input.email}>.`);
    return 0;
  } finally {
    await ctx.database.close();
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    process.stderr.write('Password (set TIDINGS_PASSWORD to skip this prompt): ');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
