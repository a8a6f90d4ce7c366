// The snapshot builders live in src/testing/ so that they ship with the test kit (iamspect/testing).
export * from '../../src/testing/snapshot.js';
