import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { assertObjectKey } from './keys';
import type { ObjectStore, StoredObject } from './object-store';

export interface S3StoreOptions {
  /** An S3-compatible endpoint (MinIO, Garage, a cloud provider); omitted for AWS itself. */
  endpoint?: string;
  region: string;
  bucket: string;
  /** Prepended to every key (`prefix/key`), so several deployments may share a bucket. */
  prefix?: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** MinIO and most self-hosted stores want `http://host/bucket/key` rather than `http://bucket.host/key`. */
  forcePathStyle: boolean;
}

/** Keeps objects in an S3-compatible bucket; the bucket is private (no public URL is ever handed out). */
export class S3Store implements ObjectStore {
  private readonly client: S3Client;

  constructor(private readonly options: S3StoreOptions) {
    const config: S3ClientConfig = {
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    };
    this.client = new S3Client(config);
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.options.bucket, Key: this.key(key), Body: body, ContentType: contentType }),
    );
  }

  async get(key: string): Promise<StoredObject | undefined> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.key(key) }));
      const body = answer.Body ? await answer.Body.transformToByteArray() : new Uint8Array();
      return { body, contentType: answer.ContentType ?? 'application/octet-stream', size: body.length };
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.key(key) }));
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private key(key: string): string {
    assertObjectKey(key);
    return this.options.prefix ? `${this.options.prefix}/${key}` : key;
  }
}
