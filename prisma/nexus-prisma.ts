// nexus-prisma reads its generator settings from this path only; they live with the other
// offline-toolchain workarounds (prisma/toolchain/README.md).
import './toolchain/nexus-prisma-settings';
