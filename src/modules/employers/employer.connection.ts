import { ConnectionType } from '../../core/relay';
import { Employer } from './employer.entity';

export const EmployerConnection = ConnectionType(Employer, 'Employer');
