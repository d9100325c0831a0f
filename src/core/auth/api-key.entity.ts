import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who may do what; each role includes the ones before it. */
export enum ApiRole {
  READER = 'reader',
  EDITOR = 'editor',
  ADMIN = 'admin',
}

export const ROLE_RANK: Record<ApiRole, number> = { reader: 1, editor: 2, admin: 3 };

/** An API key, stored only as a SHA-256 hash of the secret. */
@Entity('api_keys')
export class ApiKey {
  @PrimaryGeneratedColumn() id: number;

  /** The key's public prefix (shown in lists and logs, never enough to use it). */
  @Column({ type: 'varchar', length: 16, unique: true }) prefix: string;

  @Column({ type: 'varchar', length: 64, unique: true }) keyHash: string;

  @Column({ type: 'varchar', length: 120 }) name: string;

  @Column({ type: 'varchar', length: 10 }) role: ApiRole;

  @Column({ type: 'varchar', length: 30 }) createdAt: string;

  @Column({ type: 'varchar', length: 30, nullable: true }) revokedAt: string | null;
}
