import {describe, expect, it} from 'vitest';
import {resolveEndpoint} from '../../source/aws/endpoint.js';

describe("resolveEndpoint('IAM')", () => {
  it('takes --iam-endpoint-url, then AWS_ENDPOINT_URL_IAM, AWS_ENDPOINT_URL, [services] iam, the profile', () => {
    const env = {AWS_ENDPOINT_URL_IAM: 'http://iam', AWS_ENDPOINT_URL: 'http://all'};
    const services = {endpoint_url: 'http://services'};
    const profileKeys = {endpoint_url: 'http://profile', region: 'eu-north-1'};
    expect(resolveEndpoint('IAM', {env, endpointUrl: 'http://flag'}).url).toBe('http://flag');
    expect(resolveEndpoint('IAM', {env}).url).toBe('http://iam');
    expect(resolveEndpoint('IAM', {env: {AWS_ENDPOINT_URL: 'http://all'}, services}).url).toBe(
      'http://all',
    );
    expect(resolveEndpoint('IAM', {env: {}, services, profileKeys}).url).toBe('http://services');
    expect(resolveEndpoint('IAM', {env: {}, profileKeys})).toMatchObject({
      url: 'http://profile',
      region: 'eu-north-1',
    });
  });
  it('never takes the STS variable, and honours AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', () => {
    expect(resolveEndpoint('IAM', {env: {AWS_ENDPOINT_URL_STS: 'http://sts'}})).toMatchObject({
      region: 'us-east-1',
    });
    expect(
      resolveEndpoint('IAM', {
        env: {AWS_ENDPOINT_URL_IAM: 'http://iam', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true'},
      }),
    ).toMatchObject({region: 'us-east-1'});
  });
});
