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
export { storageVariables, checkStorageConfig, createObjectStore, type StorageConfig } from './storage-config';
