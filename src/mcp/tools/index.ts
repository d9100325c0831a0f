import { CareerTool } from '../tool';
import { careerPathTool } from './career-path.tool';
import { describeRoleTool } from './describe-role.tool';
import { listEmployersTool } from './list-employers.tool';
import { salaryBandsTool } from './salary-bands.tool';
import { searchTool } from './search.tool';
import { skillGapTool } from './skill-gap.tool';

/** Every tool careergraph offers over MCP, in the order clients list them. */
export const TOOLS = [searchTool, describeRoleTool, careerPathTool, skillGapTool, salaryBandsTool, listEmployersTool] as unknown as CareerTool[];
