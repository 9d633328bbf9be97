// The session-length refusals STS sends, each mapped to the limits of the operation that was refused.
import {describe, expect, it} from 'vitest';
import {mapStsError} from '../../source/aws/errors.js';
import {roleLimits, sessionLimits} from '../../source/core/durations.js';
import {messages} from '../../source/sandbox/errors.js';

const validation = (message: string) => ({name: 'ValidationError', message});
const tooLong = (max: number) =>
  validation(
    `1 validation error detected: Value '${max + 1}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
  );

describe('mapStsError: session lengths', () => {
  it('GetSessionToken out of range: its own limits, the root user’s cap included', () => {
    const e = mapStsError(tooLong(sessionLimits.max), {operation: 'GetSessionToken'});
    expect(e.code).toBe('duration-out-of-range');
    expect(e.remedy).toEqual({
      flag: '--duration',
      min: sessionLimits.min,
      max: sessionLimits.max,
      rootMax: sessionLimits.rootMax,
    });
  });

  it('AssumeRole out of range: AssumeRole’s limits, not GetSessionToken’s', () => {
    const e = mapStsError(tooLong(roleLimits.max), {operation: 'AssumeRole'});
    expect(e.remedy).toEqual({flag: '--duration', min: roleLimits.min, max: roleLimits.max});
  });

  it('above the role’s MaxSessionDuration: the hour every role allows, or a higher cap in IAM', () => {
    const e = mapStsError(validation(messages.roleMaxDuration), {operation: 'AssumeRole'});
    expect(e.code).toBe('duration-out-of-range');
    expect(e.remedy).toMatchObject({min: roleLimits.min, max: roleLimits.default});
    expect(e.remedy).toHaveProperty('or');
  });

  it('role chaining: the chained cap', () => {
    const e = mapStsError(validation(messages.roleChaining), {operation: 'AssumeRole'});
    expect(e.remedy).toEqual({flag: '--duration', min: roleLimits.min, max: roleLimits.chained});
  });
});
