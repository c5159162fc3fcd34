import { parseArgs } from 'node:util';
import { createUser } from './cli/create-user';
import { modelsCommand } from './cli/models';
import { ConfigError, loadConfig } from './config';
import { createContext } from './context';
import { migrateToLatest } from './db/migrate';
import { serve } from './serve';

const USAGE = `Usage: tidings <command> [options]

Commands:
  serve [--role=all|api|worker|smtp]
                                  Run the server (default role: all = HTTP + background jobs,
                                  + the reply-by-email SMTP listener when SMTP_IN_ENABLED=true)
  migrate                         Apply database migrations and exit
  create-user --email E --name N [--role owner|admin|member|guest] [--workspace W]
                                  Create a person; the password is read from TIDINGS_PASSWORD
                                  or standard input. The first user needs --workspace and is the owner.
  models pull <name> [--sha256 HEX] [--from URL]
                                  Download a whisper.cpp model (base.en, small…) into WHISPER_MODELS_DIR
  help                            Show this text

Settings come from environment variables; see README.md.`;

async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({ args: rest, options: { role: { type: 'string', default: 'all' } } });
      if (
        values.role !== 'all' &&
        values.role !== 'api' &&
        values.role !== 'worker' &&
        values.role !== 'smtp'
      ) {
        console.error(`Unknown role "${values.role}": use all, api, worker or smtp.`);
        return 2;
      }
      await serve(config, values.role);
      return 0;
    }
    case 'migrate': {
      const ctx = await createContext(config);
      try {
        const results = await migrateToLatest(ctx.db);
        console.log(
          results.length
            ? results.map((r) => `${r.status}: ${r.migrationName}`).join('\n')
            : 'Already up to date.',
        );
      } finally {
        await ctx.database.close();
      }
      return 0;
    }
    case 'create-user':
      return createUser(config, rest);
    case 'models':
      return modelsCommand(config, rest);
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
