"""Policy: pages and powers per role, claims -> principal, and the district scope failing closed."""

from __future__ import annotations

import tomllib

import pytest

from access.policy import ALL_PAGES, Policy, Principal, anonymous, principal_from_claims, single_user
from access.roles import Role, parse_roles
from analytics.filters import Filters

ROLES = parse_roles(
    tomllib.loads("""
[[user]]
email = "admin@x.gov"
role = "admin"
[[user]]
email = "ana@x.gov"
role = "analyst"
[[user]]
email = "view@x.gov"
role = "viewer"
districts = ["310104"]
[[user]]
subject = "sub-rep"
role = "reporter"
districts = ["310115"]
""")
)

XUHUI, PUDONG, BAOSHAN = "310104", "310115", "310113"


def policy(role: Role | None, districts: frozenset[str] | None = None) -> Policy:
    return Policy(Principal("u", role, districts))


@pytest.mark.parametrize(
    ("role", "pages", "download", "upload", "audit"),
    [
        (
            Role.VIEWER,
            ("home", "district-map", "industry-breakdown", "activity-types", "briefing"),
            False,
            False,
            False,
        ),
        (
            Role.ANALYST,
            ("home", "district-map", "industry-breakdown", "activity-types", "briefing", "record-list"),
            True,
            False,
            False,
        ),
        (Role.ADMIN, ALL_PAGES, True, True, True),
        (
            Role.REPORTER,
            ("home", "district-map", "industry-breakdown", "activity-types", "briefing", "upload"),
            False,
            True,
            False,
        ),
        (None, (), False, False, False),
    ],
)
def test_role_powers(role, pages, download, upload, audit) -> None:
    p = policy(role)
    assert p.pages() == pages
    assert (p.can_download, p.can_upload, p.can_read_audit) == (download, upload, audit)
    assert p.can_download_briefing == ("briefing" in pages)
    for page in ALL_PAGES:
        assert p.can_see(page) == (page in pages)
    assert not p.can_see("no-such-page")


@pytest.mark.parametrize(
    ("claims", "role", "scope", "uid"),
    [
        ({"email": "ADMIN@x.gov", "sub": "s1", "iss": "i"}, Role.ADMIN, None, "admin@x.gov"),
        ({"email": "ana@x.gov", "email_verified": True}, Role.ANALYST, None, "ana@x.gov"),
        ({"email": "view@x.gov"}, Role.VIEWER, {XUHUI}, "view@x.gov"),
        ({"sub": "sub-rep", "iss": "https://idp"}, Role.REPORTER, {PUDONG}, "https://idp|sub-rep"),
        # subject wins over e-mail: the subject is the stable identity
        ({"sub": "sub-rep", "email": "admin@x.gov"}, Role.REPORTER, {PUDONG}, "admin@x.gov"),
        ({"email": "admin@x.gov", "email_verified": False}, None, frozenset(), "admin@x.gov"),
        ({"email": "admin@x.gov", "email_verified": "false"}, None, frozenset(), "admin@x.gov"),
        ({"email": "stranger@x.gov"}, None, frozenset(), "stranger@x.gov"),
        ({"sub": "unknown-sub"}, None, frozenset(), "None|unknown-sub"),
        ({}, None, frozenset(), "anonymous"),
        ({"email": "   "}, None, frozenset(), "anonymous"),
    ],
)
def test_principal_from_claims(claims, role, scope, uid) -> None:
    pr = principal_from_claims(claims, ROLES)
    assert pr.role == role
    assert Policy(pr).scope == scope
    assert pr.user_id == uid
    if role is None:
        assert pr.reason and Policy(pr).pages() == ()


def test_single_user_is_unscoped_admin_and_anonymous_sees_nothing() -> None:
    su = Policy(single_user())
    assert su.role is Role.ADMIN and su.scope is None and su.principal.mode == "single-user"
    anon = Policy(anonymous("not signed in"))
    assert anon.pages() == () and anon.scope == frozenset() and not anon.allows_district(XUHUI)


@pytest.mark.parametrize(
    ("scope", "picked", "expected"),
    [
        (None, (), None),  # unscoped, no pick: everything
        (None, (XUHUI,), (XUHUI,)),
        ({XUHUI}, (), (XUHUI,)),  # scoped, no pick: the scope
        ({XUHUI}, (XUHUI, PUDONG), (XUHUI,)),  # intersection
        ({XUHUI}, (PUDONG,), ()),  # other district: nothing, not PUDONG
        ({XUHUI, PUDONG}, (BAOSHAN, PUDONG), (PUDONG,)),
        (frozenset(), (XUHUI,), ()),
    ],
)
def test_effective_districts(scope, picked, expected) -> None:
    p = policy(Role.VIEWER, frozenset(scope) if scope is not None else None)
    assert p.effective_districts(picked) == expected


def test_no_role_has_empty_scope_even_if_districts_unset() -> None:
    assert policy(None, None).scope == frozenset()
    assert policy(None, None).effective_districts(()) == ()


@pytest.mark.parametrize(("adcode", "allowed"), [(XUHUI, True), (PUDONG, False), (None, False), ("", False)])
def test_city_wide_records_are_outside_every_scope(adcode, allowed) -> None:
    assert policy(Role.VIEWER, frozenset({XUHUI})).allows_district(adcode) is allowed
    assert policy(Role.ANALYST).allows_district(adcode) is True


def test_apply_forces_scope_into_filters() -> None:
    p = policy(Role.VIEWER, frozenset({XUHUI}))
    f = p.apply(Filters(districts=(PUDONG,), years=(2024,)))
    where, params = f.where("a")
    assert f.scope == (XUHUI,) and f.years == (2024,)
    assert params == {}
    # ANDed: nothing matches
    assert f"a.district_adcode IN ('{PUDONG}') AND a.district_adcode IN ('{XUHUI}')" in where
    # a chart that drops the district pick keeps the scope
    assert f.without("districts").scope == (XUHUI,)
    assert f"a.district_adcode IN ('{XUHUI}')" in f.without("districts", "search").where("a")[0]
    assert policy(Role.ANALYST).apply(Filters(districts=(PUDONG,))) == Filters(districts=(PUDONG,))
    nothing = policy(None).apply(Filters())
    assert nothing.scope == () and "FALSE" in nothing.where("a")[0]


def test_scope_never_comes_from_the_url() -> None:
    f = Filters.from_query_params({"scope": "310104", "district": "310115"})
    assert f.scope is None and "scope" not in Filters(scope=("310104",)).to_query_params()


def test_visible_districts() -> None:
    assert policy(Role.VIEWER, frozenset({XUHUI})).visible_districts([XUHUI, PUDONG]) == (XUHUI,)
    assert policy(Role.ADMIN).visible_districts([XUHUI, PUDONG]) == (XUHUI, PUDONG)
