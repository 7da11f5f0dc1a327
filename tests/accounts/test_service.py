"""Accounts rules below the HTTP layer."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts import credentials, passwords, service
from potluck.kit.errors import Conflict, Invalid
from tests.accounts.factories import make_user


@pytest.mark.parametrize("taken", ["ALICE", "alice", "ａｌｉｃｅ"])
async def test_usernames_are_unique_regardless_of_case_and_width(db: AsyncSession, taken: str) -> None:
    await make_user(db, username="Alice")
    with pytest.raises(Conflict) as caught:
        await service.create_user(db, username=taken, password="long enough pw")
    assert caught.value.field == "username"


@pytest.mark.parametrize("name", ["ab", "has space", "x" * 31, "semi;colon", "admin", "Explore"])
async def test_bad_or_reserved_usernames_are_refused(db: AsyncSession, name: str) -> None:
    with pytest.raises(Invalid) as caught:
        await service.create_user(db, username=name, password="long enough pw")
    assert caught.value.field == "username"


async def test_passwords_are_argon2id_with_owasp_parameters(db: AsyncSession) -> None:
    user = await make_user(db, username="hashed")
    assert user.password_hash.startswith("$argon2id$")
    assert "m=19456,t=2,p=1" in user.password_hash
    assert await passwords.verify_password(user.password_hash, "correct horse battery")
    assert not await passwords.verify_password(user.password_hash, "wrong")
    assert not await passwords.verify_password(None, "anything")


async def test_a_weaker_hash_is_upgraded_on_login(db: AsyncSession) -> None:
    user = await make_user(db, username="oldhash")
    user.password_hash = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("old password!")
    await db.commit()
    await credentials.authenticate(db, login="oldhash", password="old password!")
    assert "m=19456,t=2,p=1" in user.password_hash
