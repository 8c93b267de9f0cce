/** npm run --silent token -- EMAIL: prints a signed access token for that existing user. */
import { loadConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { live } from '../db/live';
import { signAccessToken } from '../graphql/auth';

async function main() {
  const email = process.argv[2]?.trim().toLowerCase();
  if (!email) throw new Error('usage: npm run --silent token -- EMAIL');
  const config = loadConfig();
  const database = await connectDatabase(config, { migrate: false });
  try {
    const user = await database.prisma.user.findFirst({ where: { email, ...live } });
    if (!user) throw new Error(`no user with email ${email}`);
    console.log(await signAccessToken(config.jwtSecret, user.id));
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
