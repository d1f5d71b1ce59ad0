-- The ledger's Merkle log: only what tree heads and proofs need, nothing about citizens.
-- Run by --migrate (the chart's migrations hook) or at start (Schema:ApplyOnStart); idempotent.
-- Anchoring adds its own columns to the last two tables in its own script with
-- `alter table ... add column if not exists`.
create schema if not exists ledger;

-- Level 0 of the tree: leaf_index is the leaf's position in the log, assigned once.
create table if not exists ledger.leaves (
    leaf_index bigint primary key,
    leaf_hash bytea not null,
    event_id uuid not null unique,
    service text not null,
    sequence bigint not null,
    received_at timestamptz not null default now());

-- One service's leaves in log order (GET /api/ledger/services/{service}/leaves).
create index if not exists leaves_service_leaf_index on ledger.leaves (service, leaf_index);

-- Every COMPLETE subtree of 2^level leaves, level >= 1, written once when its last leaf arrives.
create table if not exists ledger.nodes (
    level int not null,
    index bigint not null,
    hash bytea not null,
    primary key (level, index));

-- One row, locked FOR UPDATE by each ingest transaction: appends are serialised across replicas.
create table if not exists ledger.head (
    id int primary key check (id = 1),
    tree_size bigint not null);
insert into ledger.head (id, tree_size) values (1, 0) on conflict (id) do nothing;

create table if not exists ledger.checkpoints (
    tree_size bigint primary key,
    root_hash bytea not null,
    created_at timestamptz not null default now());

-- Rows here are CONFIRMED anchors only.
create table if not exists ledger.anchors (
    tree_size bigint primary key references ledger.checkpoints,
    anchor_index bigint not null unique,
    chain_id bigint not null,
    contract text not null,
    transaction_hash text not null,
    block_number bigint not null,
    block_hash text not null,
    anchored_at timestamptz not null);
