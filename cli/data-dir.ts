import { resolve } from 'node:path';

/** The register's data directory: --data, else $REGI_DATA, else ./.regi-data in the current directory. */
export function dataDirFrom(flag: string | undefined): string {
  return resolve(flag ?? process.env.REGI_DATA ?? '.regi-data');
}
