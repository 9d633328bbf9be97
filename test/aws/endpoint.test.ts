import {describe, expect, it} from 'vitest';
import {resolveStsEndpoint} from '../../source/aws/endpoint.js';

describe('resolveStsEndpoint', () => {
  it('takes --endpoint-url and --region first', () => {
    expect(
      resolveStsEndpoint({
        env: {AWS_ENDPOINT_URL_STS: 'http://env', AWS_REGION: 'eu-west-1'},
        endpointUrl: 'http://flag',
        region: 'ap-south-1',
      }),
    ).toEqual({url: 'http://flag', region: 'ap-south-1'});
  });
  it('then AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, [services] sts, the profile endpoint_url', () => {
    const profileKeys = {endpoint_url: 'http://profile', region: 'eu-north-1'};
    const servicesSts = {endpoint_url: 'http://services'};
    expect(
      resolveStsEndpoint({env: {AWS_ENDPOINT_URL_STS: 'http://a', AWS_ENDPOINT_URL: 'http://b'}})
        .url,
    ).toBe('http://a');
    expect(resolveStsEndpoint({env: {AWS_ENDPOINT_URL: 'http://b'}, servicesSts}).url).toBe(
      'http://b',
    );
    expect(resolveStsEndpoint({env: {}, servicesSts, profileKeys}).url).toBe('http://services');
    expect(resolveStsEndpoint({env: {}, profileKeys})).toEqual({
      url: 'http://profile',
      region: 'eu-north-1',
    });
  });
  it('ignores configured endpoints when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true, and defaults to us-east-1', () => {
    expect(
      resolveStsEndpoint({
        env: {AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL_STS: 'http://a'},
      }),
    ).toEqual({url: undefined, region: 'us-east-1'});
  });
  it('reads the region from AWS_REGION before the profile (AWS_DEFAULT_REGION is not an SDK v3 setting)', () => {
    expect(
      resolveStsEndpoint({env: {AWS_REGION: 'eu-west-3'}, profileKeys: {region: 'x'}}).region,
    ).toBe('eu-west-3');
    expect(resolveStsEndpoint({env: {AWS_DEFAULT_REGION: 'eu-west-3'}}).region).toBe('us-east-1');
  });
});
