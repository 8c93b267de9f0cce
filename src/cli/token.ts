/** npm run --silent token -- EMAIL: prints a signed access token for that existing user. */
import { loadConfig } from '../config';
import { withDatabase } from '../db/connect';
import { live } from '../db/live';
import { signAccessToken } from '../graphql/auth';
import { runCommand } from './command';

runCommand(async () => {
  const email = process.argv[2]?.trim().toLowerCase();
  if (!email) throw new Error('usage: npm run --silent token -- EMAIL');
  const config = loadConfig();
  await withDatabase(config, { migrate: false }, async (database) => {
    const user = await database.prisma.user.findFirst({ where: { email, ...live } });
    if (!user) throw new Error(`no user with email ${email}`);
    console.log(await signAccessToken(config.jwtSecret, user.id));
  });
});
