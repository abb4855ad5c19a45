#!/usr/bin/env python3
"""The moto server (the machine's `moto` package) on loopback, for the suite's runs over real HTTP.

Usage: server.py PORT

Where moto and the AWS API reference disagree in a way that changes what the auditor reads, the reference wins:
each correction below is a small patch applied before the server starts, named for the API it fixes, with the
reference's behaviour in its docstring. The tests never encode moto's gaps.
"""
import inspect
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


def patch_cloudfront_list_distributions_summaries() -> None:
    """CloudFront ListDistributions: each DistributionSummary carries the distribution's Aliases, Origins (with
    S3OriginConfig or CustomOriginConfig), OriginGroups, DefaultCacheBehavior, CacheBehaviors, CustomErrorResponses,
    Comment, PriceClass, Enabled, ViewerCertificate, Restrictions, WebACLId, HttpVersion, IsIPV6Enabled and Staging
    (API reference, DistributionSummary: all but OriginGroups required), and its ARN has an empty region field
    (arn:aws:cloudfront::ACCOUNT:distribution/ID). moto's summaries carry only the id, ARN, status and domain name
    (the rest stays in the distribution's config), give S3 origins no S3OriginConfig, and put the region in the ARN.
    """
    from moto.cloudfront import models

    from_config = {
        "Aliases": None,
        "Origins": None,
        "OriginGroups": None,
        "DefaultCacheBehavior": None,
        "CacheBehaviors": None,
        "CustomErrorResponses": None,
        "Comment": "",
        "PriceClass": "PriceClass_All",
        "Enabled": False,
        "ViewerCertificate": None,
        "Restrictions": None,
        "WebACLId": "",
        "HttpVersion": "http2",
        "IsIPV6Enabled": True,
        "Staging": False,
    }
    for member, default in from_config.items():
        setattr(
            models.Distribution,
            member,
            property(lambda self, m=member, d=default: getattr(self.distribution_config, m, d)),
        )

    original_distribution_init = models.Distribution.__init__

    def distribution_init(self, account_id, region_name, config):  # type: ignore[no-untyped-def]
        original_distribution_init(self, account_id, region_name, config)
        self.arn = self.arn.replace(f":cloudfront:{account_id}:", f":cloudfront::{account_id}:")

    models.Distribution.__init__ = distribution_init

    original_origin_init = models.Origin.__init__

    def origin_init(self, origin):  # type: ignore[no-untyped-def]
        original_origin_init(self, origin)
        if "S3OriginConfig" in origin:
            self.S3OriginConfig = {"OriginAccessIdentity": origin["S3OriginConfig"].get("OriginAccessIdentity", "")}

    models.Origin.__init__ = origin_init


def patch_elb_listener_instance_protocol() -> None:
    """Classic ELB CreateLoadBalancer / CreateLoadBalancerListeners / DescribeLoadBalancers: a listener keeps the
    InstanceProtocol it was created with, the protocol from the load balancer to the instances (API reference,
    Listener), which may differ from its front-end Protocol (HTTPS to the client, HTTP to the instances). moto
    drops it and echoes the front-end protocol, which would hide clear-text offloading.
    """
    from moto.elb import models

    def instance_protocol(self):  # type: ignore[no-untyped-def]
        return getattr(self, "_instance_protocol", None) or self.protocol

    models.FakeListener.instance_protocol = property(instance_protocol)

    def keep(listeners, ports):  # type: ignore[no-untyped-def]
        for port in ports or []:
            given = port.get("InstanceProtocol") or port.get("instance_protocol")
            lb_port = port.get("LoadBalancerPort") or port.get("load_balancer_port")
            for listener in listeners:
                if given and str(listener.load_balancer_port) == str(lb_port):
                    listener._instance_protocol = given.upper()

    original_lb_init = models.LoadBalancer.__init__
    signature = inspect.signature(original_lb_init)

    def lb_init(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        original_lb_init(self, *args, **kwargs)
        keep(self.listeners, signature.bind(self, *args, **kwargs).arguments.get("ports"))

    models.LoadBalancer.__init__ = lb_init

    original_create_listeners = models.ELBBackend.create_load_balancer_listeners

    def create_listeners(self, name, ports):  # type: ignore[no-untyped-def]
        balancer = original_create_listeners(self, name, ports)
        if balancer:
            keep(balancer.listeners, ports)
        return balancer

    models.ELBBackend.create_load_balancer_listeners = create_listeners


def main() -> None:
    port = int(sys.argv[1])
    patch_rds_describe_db_parameters()
    patch_cloudfront_list_distributions_summaries()
    patch_elb_listener_instance_protocol()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    print(f"ready on {port}", flush=True)
    try:
        sys.stdin.read()  # runs until the test process closes our stdin (or exits)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
