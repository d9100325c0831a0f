import { Resolver } from 'type-graphql';
import { CitedResolver } from '../sources/cited.resolver';
import { Organization } from './organization.entity';

@Resolver(() => Organization)
export class OrganizationResolver extends CitedResolver(Organization, 'Organization') {}
