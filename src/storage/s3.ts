// Files in an S3-compatible object store (AWS S3, MinIO, Ceph, Viettel/VNPT object storage), so
// several instances share them (P2, P6). Uploads stream: the bytes go up in parts while they are
// hashed, to a temporary name; the object is then copied to its SHA-256 name on the server side.
import { randomUUID } from 'node:crypto';
import { createHash } from 'node:crypto';
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { FileTooLargeError, type FileStore, type ListedFile, type PutOptions, type StoredFile } from './model.ts';

export interface S3Settings {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Bucket in the path (MinIO and most self-hosted stores) rather than in the host name. */
  forcePathStyle: boolean;
  /** Key prefix, e.g. "dvctt/". */
  prefix?: string;
}

const KEY = /^[0-9a-f]{64}$/;

export class S3FileStore implements FileStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(settings: S3Settings) {
    const config: S3ClientConfig = {
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      ...(settings.endpoint && { endpoint: settings.endpoint }),
    };
    this.client = new S3Client(config);
    this.bucket = settings.bucket;
    this.prefix = settings.prefix ?? '';
  }

  private objectKey(key: string): string {
    if (!KEY.test(key)) throw new Error(`Khóa tệp không hợp lệ: ${key}`);
    return `${this.prefix}${key.slice(0, 2)}/${key}`;
  }

  async put(data: Buffer | Readable | AsyncIterable<Buffer>, options: PutOptions = {}): Promise<StoredFile> {
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (options.maxBytes !== undefined && size > options.maxBytes) return done(new FileTooLargeError(options.maxBytes));
        if (head.length < 4096) head = Buffer.concat([head, chunk.subarray(0, 4096 - head.length)]);
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const body = new PassThrough();
    const tmpKey = `${this.prefix}tmp/${randomUUID()}`;
    const upload = new Upload({ client: this.client, params: { Bucket: this.bucket, Key: tmpKey, Body: body }, queueSize: 2, partSize: 5 * 1024 * 1024 });
    const source = Buffer.isBuffer(data) ? Readable.from([data]) : Readable.from(data);
    try {
      await Promise.all([pipeline(source, counter, body), upload.done()]);
    } catch (err) {
      await upload.abort().catch(() => undefined);
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: tmpKey })).catch(() => undefined);
      if (!Buffer.isBuffer(data) && 'resume' in data && typeof data.resume === 'function') data.resume();
      throw err;
    }
    const sha256 = hash.digest('hex');
    const final = this.objectKey(sha256);
    const created = !(await this.exists(sha256));
    // The store acknowledges a PUT only when the object is durable; the copy is the same.
    await this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: final, CopySource: `${this.bucket}/${tmpKey}` }));
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: tmpKey }));
    return { key: sha256, sha256, size, head, created };
  }

  open(key: string): Readable {
    const out = new PassThrough();
    this.client
      .send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }))
      .then((res) => pipeline(res.Body as Readable, out))
      .catch((err: unknown) => out.destroy(err as Error));
    return out;
  }

  async read(key: string): Promise<Buffer> {
    const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
    return Buffer.from(await res.Body!.transformToByteArray());
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (err) {
      if (err instanceof NotFound || err instanceof NoSuchKey || (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      throw err;
    }
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  async *list(): AsyncIterable<ListedFile> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        const key = o.Key?.slice(this.prefix.length).split('/').pop() ?? '';
        // Temporary uploads (tmp/…) and anything else under the prefix are not kept files.
        if (KEY.test(key) && o.Key === this.objectKey(key)) yield { key, modified: o.LastModified ?? new Date() };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  close(): void {
    this.client.destroy();
  }
}
