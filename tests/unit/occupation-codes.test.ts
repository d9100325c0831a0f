import {
  codeFormatProblem,
  OccupationSystem,
} from '../../src/modules/occupations/occupation-codes';

describe('Occupation code formats', () => {
  it.each([
    [OccupationSystem.SOC_2018, '15-1252'],
    [OccupationSystem.SOC_2018, '11-3021'],
    [OccupationSystem.ONET_SOC_2019, '15-1299.08'],
    [OccupationSystem.ISCO_08, '2512'],
    [OccupationSystem.ESCO, 'http://data.europa.eu/esco/isco/C1330'],
    [
      OccupationSystem.ESCO,
      'http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1',
    ],
  ])('should accept %s %s', (system, code) => {
    expect(codeFormatProblem(system, code)).toBeNull();
  });

  it.each([
    [OccupationSystem.SOC_2018, '151252', 'NN-NNNN, such as 15-1252'],
    [OccupationSystem.SOC_2018, '15-1252.00', 'NN-NNNN, such as 15-1252'],
    [OccupationSystem.ONET_SOC_2019, '15-1252', 'NN-NNNN.NN, such as 15-1252.00'],
    [OccupationSystem.ISCO_08, '251', 'four digits, such as 2512'],
    [OccupationSystem.ISCO_08, '25121', 'four digits, such as 2512'],
    [
      OccupationSystem.ESCO,
      'C1330',
      'an ESCO concept URI, such as http://data.europa.eu/esco/isco/C2512',
    ],
    [
      OccupationSystem.ESCO,
      'https://example.com/esco/isco/C1330',
      'an ESCO concept URI, such as http://data.europa.eu/esco/isco/C2512',
    ],
  ])('should refuse %s %s, saying what the system expects', (system, code, expected) => {
    expect(codeFormatProblem(system, code)).toBe(
      `"${code}" is not a ${system} code: expected ${expected}`,
    );
  });
});
