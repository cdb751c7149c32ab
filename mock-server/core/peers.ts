/**
 * Optional peer dependencies of `mfa-prompt/mock`. A host app that never uses the mock installs none of
 * them; one that does gets a sentence naming the package and the install command instead of a bare
 * ERR_MODULE_NOT_FOUND. Static imports fail while the module graph is linked, before any code of ours
 * runs, so each package is loaded with a dynamic `import()` here (the callers pass the literal import,
 * which bundlers can see).
 */

export interface Peer {
  name: string;
  /** The versions the mock works with, as `npm install` takes them. */
  range: string;
  /** An export a module of that name must have; its absence means an incompatible major version. */
  expects: string;
}

export const PEERS = {
  msw: { name: 'msw', range: '^2', expects: 'http' },
  otplib: { name: 'otplib', range: '^13', expects: 'verifySync' },
  simplewebauthn: { name: '@simplewebauthn/server', range: '^13', expects: 'verifyAuthenticationResponse' },
} as const satisfies Record<string, Peer>;

export function missingPeerMessage(peer: Peer, usedFor = 'mfa-prompt/mock'): string {
  return `${usedFor} needs the optional peer dependency ${peer.name}: npm install -D ${peer.name}@${peer.range}`;
}

/** `load()`'s module, or an Error that names the package to install (the original error as its cause). */
export async function loadPeer<T extends object>(peer: Peer, load: () => Promise<T>, usedFor?: string): Promise<T> {
  let module: T;
  try {
    module = await load();
  } catch (error) {
    if (!isNotFound(error, peer.name)) throw error;
    throw new Error(missingPeerMessage(peer, usedFor), { cause: error });
  }
  if (!(peer.expects in module)) throw new Error(`${missingPeerMessage(peer, usedFor)} (the installed version lacks "${peer.expects}")`);
  return module;
}

/** Node's "cannot find package" for that package (not one of its own imports failing, which stays as is). */
function isNotFound(error: unknown, name: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  return error.message.includes(`'${name}'`) || error.message.includes(`"${name}"`) || error.message.includes(`'${name}/`);
}
