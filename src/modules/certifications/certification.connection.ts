import { ConnectionType } from '../../core/relay';
import { Certification } from './certification.entity';

export const CertificationConnection = ConnectionType(Certification, 'Certification');
