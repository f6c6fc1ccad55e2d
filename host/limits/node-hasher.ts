/** The audit chain's Hasher port, backed by node:crypto. */
import { createHash } from 'node:crypto';
import type { Hasher } from '../../core/domain/audit/audit-chain.js';

export const nodeSha256: Hasher = {
  sha256Hex: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
};
