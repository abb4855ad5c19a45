#!/usr/bin/env python3
"""The moto server (the machine's `moto` package) on loopback, for the suite's runs over real HTTP.

Usage: server.py PORT

Where moto and the AWS API reference disagree in a way that changes what the auditor reads, the reference wins:
each correction below is a small patch applied before the server starts, named for the API it fixes, with the
reference's behaviour in its docstring. The tests never encode moto's gaps.
"""
import sys

from moto.server import ThreadedMotoServer


def patch_rds_describe_db_parameters() -> None:
    """DescribeDBParameters, as the RDS API reference has it.

    AWS answers every parameter of the group's engine family: those the group leaves at the engine default come
    with Source `engine-default` (and often no ParameterValue), those set in the group with Source `user`; a
    `parameter-name` filter keeps only the named parameters. moto answers only the parameters set in the group,
    without Source, and ignores the filter. This lists the family's TLS parameter (`rds.force_ssl` for postgres and
    sqlserver families, `require_secure_transport` for mysql and mariadb) at its engine default when the group does
    not set it, marks set parameters `user`, and applies the filter.
    """
    from moto.core.responses import ActionResult
    from moto.rds.exceptions import DBParameterGroupNotFoundError
    from moto.rds.responses import RDSResponse

    tls_parameter = {"postgres": "rds.force_ssl", "sqlserver": "rds.force_ssl", "mysql": "require_secure_transport", "mariadb": "require_secure_transport"}

    def describe_db_parameters(self: RDSResponse) -> ActionResult:
        name = self.params.get("DBParameterGroupName")
        groups = self.backend.describe_db_parameter_groups({"db_parameter_group_name": name})
        if not groups:
            raise DBParameterGroupNotFoundError(name)
        group = groups[0]
        parameters = {p["ParameterName"]: {"Source": "user", **p} for p in group.parameters.values()}
        family = (group.family or "").lower()
        for prefix, parameter in tls_parameter.items():
            if family.startswith(prefix) and parameter not in parameters:
                parameters[parameter] = {"ParameterName": parameter, "Source": "engine-default"}
        names = {v for f in self.params.get("Filters") or [] if f.get("Name") == "parameter-name" for v in f.get("Values") or []}
        if names:
            parameters = {k: v for k, v in parameters.items() if k in names}
        return ActionResult({"Parameters": list(parameters.values())})

    RDSResponse.describe_db_parameters = describe_db_parameters


def main() -> None:
    port = int(sys.argv[1])
    patch_rds_describe_db_parameters()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    print(f"ready on {port}", flush=True)
    try:
        sys.stdin.read()  # runs until the test process closes our stdin (or exits)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
