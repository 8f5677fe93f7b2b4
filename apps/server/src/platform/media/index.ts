// Photos: processing (metadata stripped, resized), storage (files or S3) and upload staging. Modules import from here.
export {
  PHOTO_CONTENT_TYPES,
  PHOTO_MAX_BYTES,
  PHOTO_MAX_SIDE,
  type PhotoContentType,
  type PreparedPhoto,
  photoTypeOf,
  preparePhoto,
} from './photo';
export { FileMediaStore, type MediaStore, type S3Config, S3MediaStore, createMediaStore } from './store';
export { type ClaimedPhoto, UNCLAIMED_UPLOAD_TTL_MS, claimPhotos, pruneUploads, storeUpload } from './uploads';
