import { ConnectionType } from '../../core/relay';
import { Credential } from './credential.entity';

export const CredentialConnection = ConnectionType(Credential, 'Credential');
