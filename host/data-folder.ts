/**
 * The register's data folder made ready before anything is opened in it, with errors that say what is wrong with
 * the folder: "EEXIST: file already exists, mkdir" (the path is a file) and "the database file cannot be opened
 * ... restore it from a backup" (the folder is not writable; there is no file yet) both sent people the wrong way.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataFolderError extends Error {
  override name = 'DataFolderError';
}

export function prepareDataFolder(dataDir: string): void {
  try {
    const existing = statSync(dataDir, { throwIfNoEntry: false });
    if (existing && !existing.isDirectory()) {
      throw new DataFolderError(`${dataDir} is a file, not a folder: give --data a folder (it is made if missing)`);
    }
    mkdirSync(dataDir, { recursive: true });
    // A probe, not access(2): it also catches a read-only mount or an immutable folder, which root's access() passes.
    const probe = join(dataDir, `.regi-write-check-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    if (error instanceof DataFolderError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const why = code === 'ENOTDIR' ? 'a part of the path is a file' : code === 'EROFS' ? 'it is on a read-only file system' : (error as Error).message;
    throw new DataFolderError(`cannot use ${dataDir} as the register's data folder (${why}): give --data a folder this user can write`);
  }
}
