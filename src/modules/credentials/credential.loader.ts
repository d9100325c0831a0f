import { linked } from '../../core/loaders';
import { Role } from '../roles/role.entity';
import { Credential } from './credential.entity';

export const credentialsOfRole = linked('credential_roles', 'role_id', 'credential_id', Credential);
export const rolesOfCredential = linked('credential_roles', 'credential_id', 'role_id', Role);
