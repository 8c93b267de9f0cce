// Prisma's CLI reads its configuration from this path; the offline workarounds behind it are in
// prisma/toolchain/ (see its README.md).
export { default } from './prisma/toolchain/prisma-config';
