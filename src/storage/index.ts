// Shared file storage: what domains (applications, vault) use to keep uploaded files and results.
export { FileTooLargeError, formatBytes, type FileRef, type FileStore, type ListedFile, type PutOptions, type StoredFile } from './model.ts';
export { LocalFileStore } from './local.ts';
export { S3FileStore, type S3Settings } from './s3.ts';
export { FILE_KINDS, SNIFF_BYTES, fileKind, sniff, type FileKind } from './sniff.ts';
export { checkZipExpansion, MAX_EXPANDED_BYTES, ZIP_KINDS, type ZipVerdict } from './zip-check.ts';
