namespace Portfolio.Api.Tests.TestHost;

// Media in a local folder whatever the run's storage: for what only local storage does (/media).
public class LocalApiFactory() : ApiFactory(s3: null);

// Media in a bucket of the shared moto_server whatever the run's storage.
public class S3ApiFactory() : ApiFactory(s3: MotoServer.SharedAsync);
