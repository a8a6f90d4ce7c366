// The test kit for rule authors (`import ... from 'iamspect/testing'`).
export {};
