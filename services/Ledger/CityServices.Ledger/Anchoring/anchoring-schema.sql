-- Anchoring's own state, run after Log/Storage/ledger-schema.sql (idempotent; by --migrate or at start).

-- The registry the ledger deployed itself (Ledger:Chain:ContractAddress empty), one per chain:
-- a restart reuses it instead of deploying a second, empty registry.
create table if not exists ledger.anchor_registry (
    chain_id bigint primary key,
    contract text not null,
    deployment_transaction text not null,
    recorded_at timestamptz not null default now());

-- What each confirmed anchor cost, for operators comparing chains and intervals.
alter table ledger.anchors add column if not exists gas_used bigint;
