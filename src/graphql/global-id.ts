/**
 * Opaque global IDs (Relay): base64url of "Type:id". Clients pass back what they got; an ID of
 * another type than expected is BAD_USER_INPUT, never a silent miss.
 */
import { BadUserInputError } from '../services/errors';

export const NODE_TYPES = ['User', 'Product', 'Order', 'OrderItem'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export function toGlobalId(type: NodeType, id: number): string {
  return Buffer.from(`${type}:${id}`).toString('base64url');
}

/** Decodes any of our global IDs; malformed ones are BAD_USER_INPUT. */
export function fromGlobalId(globalId: string, field = 'id'): { type: NodeType; id: number } {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const match = /^(\w+):([1-9]\d{0,9})$/.exec(decoded);
  const type = match?.[1] as NodeType | undefined;
  const id = Number(match?.[2]);
  if (!type || !NODE_TYPES.includes(type) || id > 2_147_483_647 || toGlobalId(type, id) !== globalId) {
    throw new BadUserInputError(`${field} is not a valid ID.`, field);
  }
  return { type, id };
}

/** The database id behind a global ID that must be of `type`. */
export function idOf(type: NodeType, globalId: string, field = 'id'): number {
  const decoded = fromGlobalId(globalId, field);
  if (decoded.type !== type) throw new BadUserInputError(`${field} must be a ${type} ID, got a ${decoded.type} ID.`, field);
  return decoded.id;
}
