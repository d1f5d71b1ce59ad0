// SPDX-License-Identifier: Apache-2.0
// Copyright CityServices contributors.
pragma solidity 0.8.37;

/// @title AnchorRegistry
/// @notice Public, append-only record of the tree heads of the CityServices event log: an
/// RFC 9162 Merkle tree of every event's hash. Anyone can check an inclusion or consistency
/// proof from the city against a root stored here without trusting the city's databases.
/// @dev Only the ledger's account (the owner) anchors. Tree sizes strictly grow, so the anchors
/// form one history; whether each root really extends the previous one is proven off chain with
/// RFC 9162 consistency proofs, which cost too much to verify here and need no trust to verify there.
contract AnchorRegistry {
    /// @notice One anchored tree head and when the chain recorded it.
    /// @param root The RFC 9162 Merkle tree head of the first `treeSize` leaves.
    /// @param treeSize The number of leaves the root covers.
    /// @param blockNumber The block that included the anchoring transaction.
    /// @param timestamp That block's timestamp (seconds since the Unix epoch).
    struct Anchor {
        bytes32 root;
        uint64 treeSize;
        uint64 blockNumber;
        uint64 timestamp;
    }

    /// @notice The account allowed to anchor: the ledger's key.
    address public owner;

    /// @notice The account that may accept ownership, or the zero address when no transfer is pending.
    address public pendingOwner;

    Anchor[] private _anchors;

    /// @notice A tree head was anchored.
    /// @param index The anchor's position, from 0.
    /// @param root The Merkle tree head.
    /// @param treeSize The number of leaves it covers.
    /// @param submitter The owner account that anchored it.
    event Anchored(uint256 indexed index, bytes32 root, uint64 treeSize, address indexed submitter);

    /// @notice The owner offered ownership to `newOwner`, who must accept it.
    event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner);

    /// @notice Ownership moved from `previousOwner` to `newOwner` (from the zero address at deployment).
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    /// @notice `caller` is not the owner.
    error NotOwner(address caller);

    /// @notice `caller` is not the account ownership was offered to.
    error NotPendingOwner(address caller);

    /// @notice The tree size `given` does not exceed the `latest` anchored size (0 before the first anchor).
    error TreeSizeMustGrow(uint64 latest, uint64 given);

    /// @notice Nothing has been anchored yet.
    error NoAnchors();

    /// @notice There is no anchor at `index`; `count` anchors exist.
    error AnchorIndexOutOfRange(uint256 index, uint256 count);

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    /// @notice The deployer becomes the owner: deploy with the ledger's account.
    constructor() {
        owner = msg.sender;
        emit OwnershipTransferred(address(0), msg.sender);
    }

    /// @notice Anchors the tree head `root` of the first `treeSize` leaves of the log.
    /// @dev The empty log (size 0) is never anchored: the first anchor needs a size of at least 1.
    /// @param root The RFC 9162 Merkle tree head.
    /// @param treeSize The number of leaves; must exceed the latest anchored size.
    /// @return index The new anchor's position.
    function anchor(bytes32 root, uint64 treeSize) external onlyOwner returns (uint256 index) {
        index = _anchors.length;
        uint64 latestSize = index == 0 ? 0 : _anchors[index - 1].treeSize;
        if (treeSize <= latestSize) revert TreeSizeMustGrow(latestSize, treeSize);

        _anchors.push(Anchor(root, treeSize, uint64(block.number), uint64(block.timestamp)));
        emit Anchored(index, root, treeSize, msg.sender);
    }

    /// @notice How many tree heads have been anchored.
    function count() external view returns (uint256) {
        return _anchors.length;
    }

    /// @notice The most recent anchor and its index.
    /// @dev Reverts with `NoAnchors` before the first anchor rather than return zeros that could
    /// pass for a real tree head; call `count()` first to avoid the revert.
    function latest()
        external
        view
        returns (uint256 index, bytes32 root, uint64 treeSize, uint64 blockNumber, uint64 timestamp)
    {
        if (_anchors.length == 0) revert NoAnchors();
        index = _anchors.length - 1;
        Anchor storage a = _anchors[index];
        return (index, a.root, a.treeSize, a.blockNumber, a.timestamp);
    }

    /// @notice The anchor at `index` (0 is the first).
    /// @dev Reverts with `AnchorIndexOutOfRange` when `index >= count()`.
    function anchorAt(uint256 index)
        external
        view
        returns (bytes32 root, uint64 treeSize, uint64 blockNumber, uint64 timestamp)
    {
        if (index >= _anchors.length) revert AnchorIndexOutOfRange(index, _anchors.length);
        Anchor storage a = _anchors[index];
        return (a.root, a.treeSize, a.blockNumber, a.timestamp);
    }

    /// @notice Offers ownership to `newOwner` (the ledger's next key); it takes effect when that
    /// account calls `acceptOwnership`, so a mistyped address cannot lock the registry.
    /// Offering to the zero address withdraws a pending offer.
    function transferOwnership(address newOwner) external onlyOwner {
        pendingOwner = newOwner;
        emit OwnershipTransferStarted(owner, newOwner);
    }

    /// @notice Completes a transfer: the pending owner becomes the owner.
    function acceptOwnership() external {
        if (msg.sender != pendingOwner) revert NotPendingOwner(msg.sender);
        emit OwnershipTransferred(owner, msg.sender);
        owner = msg.sender;
        pendingOwner = address(0);
    }
}
