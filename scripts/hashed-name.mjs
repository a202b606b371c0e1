// The content-hashed file names the build hooks write (`embed-<hash>.css`,
// `start-<hash>.js`): 16 hex digits of the text's SHA-256, as Trunk names
// its own files, so a changed file gets a new name and the old one can be
// cached for ever.
import crypto from 'node:crypto';

export const hashedName = (stem, text, extension) =>
  `${stem}-${crypto.createHash('sha256').update(text).digest('hex').slice(0, 16)}.${extension}`;
