export type { ObjectStore, StoredObject } from './object-store';
export { objectKey, isObjectKey, assertObjectKey, InvalidObjectKeyError } from './keys';
export { LocalFolderStore } from './local-folder-store';
export { S3Store, type S3StoreOptions } from './s3-store';
export {
  checkUpload,
  checkFileName,
  sniffContentType,
  type AcceptedUpload,
  type UploadRefusal,
  type UploadRefusalCode,
  type UploadRules,
} from './upload-check';
export {
  storageVariables,
  checkStorageConfig,
  createObjectStore,
  clamdAddress,
  downloadLinkSecret,
  type StorageConfig,
} from './storage-config';
export {
  scanWithClamd,
  assertClean,
  parseClamdReply,
  AntivirusUnavailableError,
  InfectedFileError,
  type ClamdAddress,
  type ScanVerdict,
} from './clamd';
export { ScanningObjectStore } from './scanning-object-store';
export { webpRenditions, type WebpRendition } from './webp-renditions';
export { signDownload, checkDownload, type DownloadSignature, type LinkCheck } from './signed-links';
