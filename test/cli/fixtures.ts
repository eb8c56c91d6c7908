// Requirements files the brief tests commit at two revisions (signing_scriptworker, as in the example repo).

/** signing_scriptworker's requirements with taskcluster pinned at `tc` (4.0.1 before, 5.0.0 after). */
export const SIGNING = (tc: string): string => `# python_version: 36
aiohttp==3.4.4
async_timeout==3.0.1
attrs==18.2.0
certifi==2018.10.15
chardet==3.0.4
idna==2.7
idna-ssl==1.1.0
mohawk==0.3.4
multidict==4.4.2
requests==2.20.0
six==1.11.0
slugid==1.0.7
taskcluster==${tc}
taskcluster-urls==11.0.0
urllib3==1.24
yarl==1.2.6
`;
