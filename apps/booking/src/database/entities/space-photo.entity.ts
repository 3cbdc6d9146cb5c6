import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A photo of a space; its renditions are in the object store, keyed by the space and this id (or shared, see `sharedFiles`). */
@Entity({ name: 'space_photo', schema: 'booking' })
export class SpacePhotoEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'space_id' })
  spaceId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text', name: 'alt_text' })
  altText!: string;

  /** The size of the largest rendition. */
  @Column({ type: 'integer' })
  width!: number;

  @Column({ type: 'integer' })
  height!: number;

  /** The manager who uploaded it; emptied with the account's erasure. */
  @Column({ type: 'uuid', name: 'uploaded_by', nullable: true })
  uploadedBy!: string | null;

  @Column({ type: 'timestamptz', name: 'uploaded_at' })
  uploadedAt!: Date;

  /** The name of files several spaces' photos show (the seed's illustrations), kept when this photo is removed. */
  @Column({ type: 'text', name: 'shared_files', nullable: true })
  sharedFiles!: string | null;
}
