// Every kind of statement the endpoint takes, and which one a body carries. A new kind is its own
// module in this folder and one line in STATEMENTS.
import type { Fields } from '../fields.js';
import { badRequest } from '../refusal.js';
import { consentStatement } from './consent.js';
import type { PostedStatement, Statement } from './statement.js';
import { unsubscribeStatement } from './unsubscribe.js';

/** The first is also how a body that names no statement is read, so its 400 says which field is missing. */
const STATEMENTS: readonly Statement[] = [consentStatement, unsubscribeStatement];

/** The one statement in a body's fields, read but not verified; a 400 refusal when it is malformed or not one. */
export function readStatement(fields: Fields, statements: readonly Statement[] = STATEMENTS): PostedStatement {
  const named = statements.filter(({ field }) => fields[field] !== undefined);
  if (named.length > 1) {
    badRequest(`the body holds ${named.map(({ field }) => field).join(' and ')}; send one statement per request`);
  }
  return (named[0] ?? statements[0]!).read(fields);
}
