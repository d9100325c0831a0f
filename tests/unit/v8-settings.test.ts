import { loadConfig } from '../../src/core/config';
import { applyV8Settings, v8FlagsFor } from '../../src/core/v8-settings';

describe('V8 settings of the server process', () => {
  it('should keep V8 from allocating answers in the old generation, and bound heap growth, by default', () => {
    const set: string[] = [];
    const flags = applyV8Settings(loadConfig({}), (flag) => set.push(flag));
    expect(set).toEqual(['--heap-growing-percent=100', '--no-allocation-site-pretenuring']);
    expect(flags).toEqual(set);
  });

  it('should leave V8 its own pretenuring with V8_PRETENURING=true, and its own growth with HEAP_GROWTH_PERCENT=0', () => {
    expect(v8FlagsFor(loadConfig({ V8_PRETENURING: 'true' }))).toEqual([
      '--heap-growing-percent=100',
    ]);
    expect(v8FlagsFor(loadConfig({ HEAP_GROWTH_PERCENT: '0', V8_PRETENURING: 'yes' }))).toEqual([]);
  });

  it('should refuse a V8_PRETENURING that is not a boolean, naming it', () => {
    expect(() => loadConfig({ V8_PRETENURING: 'sometimes' })).toThrow(
      /^V8_PRETENURING must be true or false, got "sometimes"$/,
    );
  });
});
