import {describe, expect, it} from 'vitest';
import {resolveDeadline, resolveSdkSettings, resolveEndpoint} from '../../source/aws/endpoint.js';

describe("resolveEndpoint('STS')", () => {
  it('takes --endpoint-url and --region first', () => {
    expect(
      resolveEndpoint('STS', {
        env: {AWS_ENDPOINT_URL_STS: 'http://env', AWS_REGION: 'eu-west-1'},
        endpointUrl: 'http://flag',
        region: 'ap-south-1',
      }),
    ).toMatchObject({url: 'http://flag', region: 'ap-south-1'});
  });
  it('then AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, [services] sts, the profile endpoint_url', () => {
    const profileKeys = {endpoint_url: 'http://profile', region: 'eu-north-1'};
    const services = {endpoint_url: 'http://services'};
    expect(
      resolveEndpoint('STS', {
        env: {AWS_ENDPOINT_URL_STS: 'http://a', AWS_ENDPOINT_URL: 'http://b'},
      }).url,
    ).toBe('http://a');
    expect(resolveEndpoint('STS', {env: {AWS_ENDPOINT_URL: 'http://b'}, services}).url).toBe(
      'http://b',
    );
    expect(resolveEndpoint('STS', {env: {}, services, profileKeys}).url).toBe('http://services');
    expect(resolveEndpoint('STS', {env: {}, profileKeys})).toMatchObject({
      url: 'http://profile',
      region: 'eu-north-1',
    });
  });
  it('ignores configured endpoints when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true, and defaults to us-east-1', () => {
    const e = resolveEndpoint('STS', {
      env: {AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL_STS: 'http://a'},
    });
    expect(e.url).toBeUndefined();
    expect(e.region).toBe('us-east-1');
  });
  it('reads the region from AWS_REGION before the profile (AWS_DEFAULT_REGION is not an SDK v3 setting)', () => {
    expect(
      resolveEndpoint('STS', {env: {AWS_REGION: 'eu-west-3'}, profileKeys: {region: 'x'}}).region,
    ).toBe('eu-west-3');
    expect(resolveEndpoint('STS', {env: {AWS_DEFAULT_REGION: 'eu-west-3'}}).region).toBe(
      'us-east-1',
    );
  });
});

describe('resolveSdkSettings (what the SDK client would otherwise read from ~/.aws itself)', () => {
  it('takes the variable first, then the profile key, then the SDK defaults', () => {
    expect(resolveSdkSettings({}, {})).toMatchObject({
      useFipsEndpoint: false,
      useDualstackEndpoint: false,
      retryMode: 'standard',
      maxAttempts: 3,
      userAgentAppId: undefined,
      defaultsMode: 'legacy',
      disableClockSkewCorrection: false,
    });
    const profile = {
      use_fips_endpoint: 'true',
      use_dualstack_endpoint: 'TRUE',
      retry_mode: 'adaptive',
      max_attempts: '7',
      sdk_ua_app_id: 'team-app',
      defaults_mode: 'standard',
      disable_clock_skew_correction: 'true',
    };
    expect(resolveSdkSettings({}, profile)).toMatchObject({
      useFipsEndpoint: true,
      useDualstackEndpoint: true,
      retryMode: 'adaptive',
      maxAttempts: 7,
      userAgentAppId: 'team-app',
      defaultsMode: 'standard',
      disableClockSkewCorrection: true,
    });
    const env = {
      AWS_USE_FIPS_ENDPOINT: 'false',
      AWS_MAX_ATTEMPTS: '2',
      AWS_RETRY_MODE: 'legacy',
      AWS_SDK_UA_APP_ID: 'from-env',
    };
    expect(resolveSdkSettings(env, profile)).toMatchObject({
      useFipsEndpoint: false,
      maxAttempts: 2,
      retryMode: 'legacy',
      userAgentAppId: 'from-env',
    });
  });
  it('ignores values the SDK would reject, keeping its defaults', () => {
    expect(
      resolveSdkSettings({AWS_MAX_ATTEMPTS: 'many', AWS_RETRY_MODE: 'fast'}, {}),
    ).toMatchObject({maxAttempts: 3, retryMode: 'standard'});
  });
  it('comes with every endpoint, from the profile whose keys sign', () => {
    const e = resolveEndpoint('STS', {env: {}, profileKeys: {use_fips_endpoint: 'true'}});
    expect(e.sdk?.useFipsEndpoint).toBe(true);
  });
});

describe('resolveDeadline', () => {
  it('20 s unless MFA_TUI_STS_TIMEOUT_MS is a positive whole number of milliseconds', () => {
    expect(resolveDeadline({})).toBe(20_000);
    expect(resolveDeadline({MFA_TUI_STS_TIMEOUT_MS: '1500'})).toBe(1500);
    for (const bad of ['', '0', '-5', '1.5', 'soon']) {
      expect(resolveDeadline({MFA_TUI_STS_TIMEOUT_MS: bad})).toBe(20_000);
    }
    expect(resolveEndpoint('STS', {env: {MFA_TUI_STS_TIMEOUT_MS: '700'}}).deadlineMs).toBe(700);
  });
});
