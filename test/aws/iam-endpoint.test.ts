import {describe, expect, it} from 'vitest';
import {resolveIamEndpoint} from '../../source/aws/endpoint.js';

describe('resolveIamEndpoint', () => {
  it('takes --iam-endpoint-url, then AWS_ENDPOINT_URL_IAM, AWS_ENDPOINT_URL, [services] iam, the profile', () => {
    const env = {AWS_ENDPOINT_URL_IAM: 'http://iam', AWS_ENDPOINT_URL: 'http://all'};
    const servicesIam = {endpoint_url: 'http://services'};
    const profileKeys = {endpoint_url: 'http://profile', region: 'eu-north-1'};
    expect(resolveIamEndpoint({env, endpointUrl: 'http://flag'}).url).toBe('http://flag');
    expect(resolveIamEndpoint({env}).url).toBe('http://iam');
    expect(resolveIamEndpoint({env: {AWS_ENDPOINT_URL: 'http://all'}, servicesIam}).url).toBe(
      'http://all',
    );
    expect(resolveIamEndpoint({env: {}, servicesIam, profileKeys}).url).toBe('http://services');
    expect(resolveIamEndpoint({env: {}, profileKeys})).toMatchObject({
      url: 'http://profile',
      region: 'eu-north-1',
    });
  });
  it('never takes the STS variable, and honours AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', () => {
    expect(resolveIamEndpoint({env: {AWS_ENDPOINT_URL_STS: 'http://sts'}})).toMatchObject({
      region: 'us-east-1',
    });
    expect(
      resolveIamEndpoint({
        env: {AWS_ENDPOINT_URL_IAM: 'http://iam', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true'},
      }),
    ).toMatchObject({region: 'us-east-1'});
  });
});
