import { CareerTool } from '../tool';
import { careerPathTool } from './career-path.tool';
import { compareLevelsTool } from './compare-levels.tool';
import { describeRoleTool } from './describe-role.tool';
import { listEmployersTool } from './list-employers.tool';
import { reachableRolesTool } from './reachable-roles.tool';
import { roleMatchesTool } from './role-matches.tool';
import { salaryBandsTool } from './salary-bands.tool';
import { searchTool } from './search.tool';
import { skillGapTool } from './skill-gap.tool';

/** Every tool careergraph offers over MCP, in the order clients list them. */
export const TOOLS = [
  searchTool,
  describeRoleTool,
  careerPathTool,
  reachableRolesTool,
  roleMatchesTool,
  skillGapTool,
  compareLevelsTool,
  salaryBandsTool,
  listEmployersTool,
] as unknown as CareerTool[];
